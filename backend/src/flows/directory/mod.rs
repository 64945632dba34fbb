//! The organisation's provider and service directory, as its admin keeps it: imported from a CSV
//! file (`import`), or a service at a time, edited and retired (`edits`); and providers that are
//! one provider under two spellings merged by the operator (`merge`).

mod edits;
mod import;
mod merge;

pub use edits::{
    add_service, directory, edit_provider, edit_service, restore_service, retire_service,
};
pub use import::import;
pub use merge::{merge_providers, MergeReport};
