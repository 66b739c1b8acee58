//! One module per subcommand.

pub mod export;
pub mod extract;
pub mod index;
pub mod optimize;
pub mod related;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod watch;
