//! Mounts the staff app (`/staff/`).
fn main() {
    leptos::mount::mount_to_body(frontend::app::staff::StaffApp);
}
