//! Mounts the young commissioner's panels app (`/panels/`).
fn main() {
    leptos::mount::mount_to_body(frontend::app::panels::PanelsApp);
}
