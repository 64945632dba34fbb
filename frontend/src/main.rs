//! Mounts the young person's voice app (`/`): the first thing a phone downloads.
fn main() {
    leptos::mount::mount_to_body(frontend::app::voice::VoiceApp);
}
