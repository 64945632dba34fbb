//! Mounts the front door (`/join`, `/reset-pin`, `/privacy`).
fn main() {
    leptos::mount::mount_to_body(frontend::app::door::DoorApp);
}
