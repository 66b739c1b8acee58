//! [`Gate`]: a bound in bytes on what the reading threads hand to the writer and it has not
//! yet written, so that the queue between them holds a fixed amount of memory however large
//! the files and however slow the writer.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Bytes in flight between producers and a consumer, at most `limit` (a single message larger
/// than the limit still passes, alone).
#[derive(Debug)]
pub(crate) struct Gate {
    limit: usize,
    state: Mutex<State>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct State {
    used: usize,
    closed: bool,
}

impl Gate {
    /// A gate letting at most `limit` bytes through at once.
    pub(crate) fn new(limit: usize) -> Gate {
        Gate {
            limit,
            state: Mutex::default(),
            freed: Condvar::new(),
        }
    }

    /// Waits until `bytes` more fit (or nothing is in flight), then counts them in. False
    /// when the gate was closed: the consumer is gone and nothing should be sent.
    pub(crate) fn enter(&self, bytes: usize) -> bool {
        let mut state = self.lock();
        while !state.closed && state.used > 0 && state.used + bytes > self.limit {
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if state.closed {
            return false;
        }
        state.used += bytes;
        true
    }

    /// Counts `bytes` out (the consumer is done with them) and wakes the waiting producers.
    pub(crate) fn leave(&self, bytes: usize) {
        let mut state = self.lock();
        state.used = state.used.saturating_sub(bytes);
        drop(state);
        self.freed.notify_all();
    }

    /// Lets nothing in any more and wakes every waiting producer ([`Gate::enter`] says false).
    pub(crate) fn close(&self) {
        self.lock().closed = true;
        self.freed.notify_all();
    }

    /// Bytes in flight now.
    #[cfg(test)]
    pub(crate) fn used(&self) -> usize {
        self.lock().used
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every update is a single assignment: a poisoned state is still consistent.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn never_more_than_the_limit_in_flight() {
        let gate = Gate::new(100);
        let peak = AtomicUsize::new(0);
        let (sender, receiver) = std::sync::mpsc::channel::<usize>();
        std::thread::scope(|scope| {
            for _ in 0..3 {
                let sender = sender.clone();
                let gate = &gate;
                scope.spawn(move || {
                    for _ in 0..50 {
                        assert!(gate.enter(30));
                        sender.send(30).unwrap();
                    }
                });
            }
            drop(sender);
            for bytes in receiver {
                peak.fetch_max(gate.used(), Ordering::Relaxed);
                gate.leave(bytes);
            }
        });
        assert!(peak.load(Ordering::Relaxed) <= 90, "{peak:?}");
        assert_eq!(gate.used(), 0);
    }

    #[test]
    fn a_message_larger_than_the_limit_passes_alone() {
        let gate = Gate::new(10);
        assert!(gate.enter(50));
        gate.leave(50);
        assert!(gate.enter(5));
        assert_eq!(gate.used(), 5);
    }

    #[test]
    fn closing_wakes_a_waiting_producer() {
        let gate = Gate::new(10);
        assert!(gate.enter(10));
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| gate.enter(5));
            std::thread::sleep(std::time::Duration::from_millis(20));
            gate.close();
            assert!(!waiting.join().unwrap(), "a closed gate lets nothing in");
        });
    }
}
