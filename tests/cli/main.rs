//! CLI scenarios: the real `loket` binary on temporary databases.

mod complaints;
mod foundation;
mod sync;
mod survey;
