//! CLI scenarios: the real `loket` binary on temporary databases.

mod foundation;
mod queue;
