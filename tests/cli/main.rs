//! CLI scenarios: the real `loket` binary on temporary databases.

mod complaints;
mod daily;
mod foundation;
mod queue;
mod staffdev;
mod survey;
mod sync;
