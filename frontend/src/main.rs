//! Mounts the Chorus web app.
fn main() {
    leptos::mount::mount_to_body(frontend::app::App);
}
