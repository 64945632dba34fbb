//! The organisation's provider and service directory, as its admin keeps it: imported from a CSV
//! file (`import`), or a service at a time, edited and retired (`edits`).

mod edits;
mod import;

pub use edits::{
    add_service, directory, edit_provider, edit_service, restore_service, retire_service,
};
pub use import::import;
