//! Mounts the young person's voice app (`/voice/`, drawing `/home`, `/feedback/…` and the rest).
fn main() {
    leptos::mount::mount_to_body(frontend::app::voice::VoiceApp);
}
