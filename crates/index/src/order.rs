//! [`InOrder`]: the files of a run read on several threads at once and written in the order of
//! the run's list (paths sorted), so that two runs over the same files write the same stories
//! in the same order: the first copy of a near-duplicate group, and the last of a repeated
//! id, do not depend on which thread was quicker.
//!
//! Each reading thread takes the next file of the list and has its own queue to the writer,
//! bounded in bytes by its own [`Gate`]. The writer takes the files' messages in list order:
//! the thread that took file `k` sends file `k`'s messages, and the writer waits for them
//! alone. A message leaves its queue's count as the writer takes it, so what the writer holds
//! (a batch of chunks, say) never keeps a thread from sending the message the writer waits
//! for; the writer bounds what it holds itself. A thread that runs ahead fills only its own
//! queue and then waits, so the thread of the file the writer waits for always has room: the
//! threads never wait on each other, nor on the writer's holdings.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use crate::queue::Gate;

/// Hands out a run's files to its reading threads in list order, and tells the writer which
/// thread's queue holds the next file.
pub(crate) struct InOrder {
    files: usize,
    gates: Vec<Gate>,
    state: Mutex<Claims>,
    claimed: Condvar,
}

/// Which files are taken, by which thread, and how many threads still read.
struct Claims {
    /// The next file of the list no thread has taken.
    next: usize,
    /// The thread of each file taken that the writer has not yet started on, in list order.
    waiting: VecDeque<usize>,
    /// Threads still taking files.
    reading: usize,
}

impl InOrder {
    /// Order for `files` files read by `threads` threads, each of whose queues holds at most
    /// `queue_bytes / threads` bytes (a message larger than that still passes, alone).
    pub(crate) fn new(files: usize, threads: usize, queue_bytes: usize) -> InOrder {
        let threads = threads.max(1);
        InOrder {
            files,
            gates: (0..threads)
                .map(|_| Gate::new(queue_bytes / threads))
                .collect(),
            state: Mutex::new(Claims {
                next: 0,
                waiting: VecDeque::new(),
                reading: threads,
            }),
            claimed: Condvar::new(),
        }
    }

    /// The number of reading threads.
    pub(crate) fn threads(&self) -> usize {
        self.gates.len()
    }

    /// The queue bound of reading thread `thread`.
    pub(crate) fn gate(&self, thread: usize) -> &Gate {
        &self.gates[thread]
    }

    /// Reading thread `thread` takes the next file of the list: its position, or `None` when
    /// every file is taken or `stop` says to take no more.
    pub(crate) fn take(&self, thread: usize, stop: bool) -> Option<usize> {
        let mut state = self.lock();
        if stop || state.next >= self.files {
            return None;
        }
        let file = state.next;
        state.next += 1;
        state.waiting.push_back(thread);
        drop(state);
        self.claimed.notify_all();
        Some(file)
    }

    /// Reading thread `thread` takes no more files (it returned, or it panicked).
    fn leave(&self) {
        self.lock().reading -= 1;
        self.claimed.notify_all();
    }

    /// The writer's side: the thread whose queue holds the next file of the list, once a
    /// thread has taken it; `None` when no file is left to write (every file written, or the
    /// threads stopped taking files).
    fn next_thread(&self) -> Option<usize> {
        let mut state = self.lock();
        loop {
            if let Some(thread) = state.waiting.pop_front() {
                return Some(thread);
            }
            if state.next >= self.files || state.reading == 0 {
                return None;
            }
            state = self
                .claimed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Lets nothing more into any queue (the writer is gone) and wakes every waiting thread.
    pub(crate) fn close(&self) {
        for gate in &self.gates {
            gate.close();
        }
    }

    fn lock(&self) -> MutexGuard<'_, Claims> {
        // Every update is a few assignments under the lock: a poisoned state is consistent.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Held by a reading thread while it takes files: it counts the thread out when dropped, even
/// by a panic, so that the writer never waits for a file no thread will take.
pub(crate) struct Reading<'a>(pub(crate) &'a InOrder);

impl Drop for Reading<'_> {
    fn drop(&mut self) {
        self.0.leave();
    }
}

/// Closes every queue when dropped: the writer's side, so that no reading thread waits on a
/// writer that returned (with an error or early).
pub(crate) struct CloseOnDrop<'a>(pub(crate) &'a InOrder);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// A message that says where a file's messages end, and what it counts for in its queue.
pub(crate) trait FileMessage {
    /// True for a file's last message.
    fn ends_file(&self) -> bool;

    /// What it counts for in its reading thread's [`Gate`].
    fn bytes(&self) -> usize;
}

/// The writer's end: every reading thread's queue, read one file at a time in list order.
pub(crate) struct Delivery<'a, M> {
    order: &'a InOrder,
    receivers: Vec<Receiver<M>>,
    /// The thread whose queue holds the file being taken.
    current: Option<usize>,
}

impl<'a, M: FileMessage> Delivery<'a, M> {
    /// Queues for the reading threads of `order`: their senders, one per thread in thread
    /// order, and the writer's end.
    pub(crate) fn new(order: &'a InOrder) -> (Vec<Sender<M>>, Delivery<'a, M>) {
        let (senders, receivers) = (0..order.threads())
            .map(|_| std::sync::mpsc::channel())
            .unzip();
        let delivery = Delivery {
            order,
            receivers,
            current: None,
        };
        (senders, delivery)
    }

    /// The next message in list order, counted out of its reading thread's queue; `None`
    /// when every file is taken, or when a thread stopped in the middle of its file (its
    /// queue hung up before the file's last message).
    pub(crate) fn recv(&mut self) -> Option<M> {
        let thread = match self.current {
            Some(thread) => thread,
            None => self.order.next_thread()?,
        };
        let message = self.receivers[thread].recv().ok()?;
        self.order.gate(thread).leave(message.bytes());
        self.current = (!message.ends_file()).then_some(thread);
        Some(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Part {
        file: usize,
        last: bool,
    }

    impl FileMessage for Part {
        fn ends_file(&self) -> bool {
            self.last
        }

        fn bytes(&self) -> usize {
            30
        }
    }

    /// Reads `files` files on `threads` threads, file `k` sending `parts(k)` parts after
    /// waiting `delay(k)` ms; returns the files in the order the writer took their parts.
    fn run(
        files: usize,
        threads: usize,
        parts: impl Fn(usize) -> usize + Sync,
        delay: impl Fn(usize) -> u64 + Sync,
    ) -> Vec<usize> {
        let order = InOrder::new(files, threads, 100);
        let (senders, mut delivery) = Delivery::new(&order);
        let mut taken = Vec::new();
        std::thread::scope(|scope| {
            for (thread, sender) in senders.into_iter().enumerate() {
                let (order, parts, delay) = (&order, &parts, &delay);
                scope.spawn(move || {
                    let _reading = Reading(order);
                    while let Some(file) = order.take(thread, false) {
                        std::thread::sleep(std::time::Duration::from_millis(delay(file)));
                        for part in 0..parts(file) {
                            let last = part + 1 == parts(file);
                            assert!(order.gate(thread).enter(30));
                            sender.send(Part { file, last }).unwrap();
                        }
                    }
                });
            }
            let _close = CloseOnDrop(&order);
            while let Some(part) = delivery.recv() {
                taken.push(part.file);
            }
        });
        taken
    }

    #[test]
    fn files_come_in_list_order_whichever_thread_is_quicker() {
        // The first files are the slowest: the other threads run ahead and their queues fill
        // (up to 4 parts of 30 bytes against 33 bytes a queue) until the writer reaches them.
        let taken = run(12, 3, |k| 1 + k % 4, |k| if k < 3 { 30 } else { 0 });
        let mut expected = Vec::new();
        for k in 0..12 {
            expected.extend(std::iter::repeat_n(k, 1 + k % 4));
        }
        assert_eq!(taken, expected);
    }

    #[test]
    fn a_stop_ends_the_writer_once_the_files_taken_are_written() {
        let order = InOrder::new(10, 2, 100);
        let (senders, mut delivery) = Delivery::<Part>::new(&order);
        std::thread::scope(|scope| {
            for (thread, sender) in senders.into_iter().enumerate() {
                let order = &order;
                scope.spawn(move || {
                    let _reading = Reading(order);
                    // Each thread takes one file, then is told to stop.
                    let mut stop = false;
                    while let Some(file) = order.take(thread, stop) {
                        sender.send(Part { file, last: true }).unwrap();
                        stop = true;
                    }
                });
            }
            let mut taken: Vec<usize> = std::iter::from_fn(|| delivery.recv())
                .map(|part| part.file)
                .collect();
            taken.sort_unstable();
            assert_eq!(taken, vec![0, 1]);
        });
    }

    #[test]
    fn a_closed_order_frees_a_thread_waiting_on_its_full_queue() {
        let order = InOrder::new(1, 1, 10);
        assert!(order.gate(0).enter(10));
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| order.gate(0).enter(5));
            std::thread::sleep(std::time::Duration::from_millis(20));
            drop(CloseOnDrop(&order));
            assert!(!waiting.join().unwrap(), "a closed queue lets nothing in");
        });
    }
}
