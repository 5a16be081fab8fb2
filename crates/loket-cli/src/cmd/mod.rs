//! One module per capability; each defines its subcommands and runs them through the command
//! layer.

pub mod master;

// >>> queue (issue 4)
pub mod queue;
// <<< queue
// >>> complaints (issue 5)
pub mod complaints;
// <<< complaints
// >>> survey (issue 6)
pub mod survey;
// <<< survey
// >>> sync (issue 7)
pub mod sync;
// <<< sync
// >>> staff development (issue 8)
pub mod staffdev;
// <<< staff development
// >>> daily log (issue 9)
pub mod daily;
// <<< daily log
