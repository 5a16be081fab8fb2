//! CLI scenarios: the real `loket` binary on temporary databases.

mod complaints;
mod foundation;
mod queue;
mod staffdev;
mod survey;
mod sync;
