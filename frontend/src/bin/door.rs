//! Mounts the front door (`/`: welcome, join, sign in, privacy): the first thing a phone downloads.
fn main() {
    leptos::mount::mount_to_body(frontend::app::door::DoorApp);
}
