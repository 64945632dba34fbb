//! Mounts the staff door (`/staff`: signing in, passwords).
fn main() {
    leptos::mount::mount_to_body(frontend::app::staff_door::StaffDoorApp);
}
