//! The shared queue (PRODUCT Q1): one line per backend with its own concurrency (one at a
//! time for the embedded model on CPU: measured by others on 2 vCPU, four at once all finish
//! later than four in a row), fair between users: the user served least recently goes next,
//! and within one user, first come first served. A per-user cap and a global cap keep one
//! person (or a script) from filling it.
//!
//! The queue only decides *when* a job runs; the job itself (a reply) is chat's. Cancelling a
//! waiting item takes it out of the line; cancelling a running one fires its token, which
//! reaches the model.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::{oneshot, watch};
use tokio_util::sync::CancellationToken;

use crate::domain::policy::UserId;

/// How many items one user may have waiting or running at once, by default.
pub const PER_USER_CAP: usize = 3;
/// How many items may wait in one line at once, by default.
pub const GLOBAL_CAP: usize = 200;

/// Why an item was not queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The user has `PER_USER_CAP` items already.
    UserFull,
    /// The line is full.
    Full,
}

/// One item of the line, as the queue view shows it.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: String,
    pub user: UserId,
    pub backend: String,
    /// What the item is about (a thread's message), for its owner and admins only.
    pub label: String,
    pub enqueued_at: i64,
    pub running: bool,
}

struct Waiting {
    item: Item,
    seq: u64,
    start: oneshot::Sender<()>,
    cancel: CancellationToken,
}

struct Line {
    concurrency: usize,
    waiting: Vec<Waiting>,
    running: HashMap<String, (Item, CancellationToken)>,
}

#[derive(Default)]
struct State {
    lines: HashMap<String, Line>,
    /// When each user was last served (a counter, not a clock), for the round-robin.
    served: HashMap<UserId, u64>,
    seq: u64,
    paused: bool,
    per_user_cap: usize,
    global_cap: usize,
}

/// The queue of every backend. Cheap to clone.
#[derive(Clone)]
pub struct Queue {
    state: Arc<Mutex<State>>,
    /// Bumped on every change, so that a waiting stream can say its new position.
    changes: Arc<watch::Sender<u64>>,
}

impl Default for Queue {
    fn default() -> Self {
        Queue::new(PER_USER_CAP, GLOBAL_CAP)
    }
}

/// A place in the line. Wait for the turn with [`Ticket::turn`]; dropping the ticket (or a
/// finished job's [`Running`]) frees the place.
pub struct Ticket {
    pub id: String,
    pub cancel: CancellationToken,
    start: oneshot::Receiver<()>,
    queue: Queue,
    /// Set once the turn became a [`Running`], which frees the slot from then on.
    taken: bool,
}

impl Drop for Ticket {
    /// A ticket given up (a refusal after queueing, a cancel, a dropped job) leaves the line,
    /// and frees the slot if the item had just been started: a slot is never held by nobody.
    fn drop(&mut self) {
        if !self.taken {
            self.queue.abandon(&self.id);
        }
    }
}

/// A job while it runs; dropping it frees its slot and lets the next one start.
pub struct Running {
    id: String,
    backend: String,
    queue: Queue,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.queue.finished(&self.backend, &self.id);
    }
}

impl Ticket {
    /// Waits for this item's turn. `None` when it was cancelled while waiting.
    pub async fn turn(mut self) -> Option<Running> {
        let id = self.id.clone();
        let queue = self.queue.clone();
        tokio::select! {
            r = &mut self.start => match r {
                Ok(()) => {
                    let backend = queue.backend_of(&id)?;
                    self.taken = true;
                    Some(Running { id, backend, queue })
                }
                Err(_) => None,
            },
            _ = self.cancel.cancelled() => {
                queue.remove_waiting(&id);
                None
            }
        }
    }
}

impl Queue {
    pub fn new(per_user_cap: usize, global_cap: usize) -> Queue {
        let state = State { per_user_cap, global_cap, ..State::default() };
        Queue { state: Arc::new(Mutex::new(state)), changes: Arc::new(watch::channel(0).0) }
    }

    /// (per-user cap, global cap).
    pub fn caps(&self) -> (usize, usize) {
        let st = self.lock();
        (st.per_user_cap, st.global_cap)
    }

    /// Changes the caps; items already in the line stay.
    pub fn set_caps(&self, per_user: usize, global: usize) {
        let mut st = self.lock();
        (st.per_user_cap, st.global_cap) = (per_user.max(1), global.max(1));
    }

    /// Sets how many items of `backend` run at once (making its line if needed); a higher
    /// number starts waiting items at once, a lower one lets running items finish.
    pub fn set_concurrency(&self, backend: &str, n: usize) {
        {
            let mut st = self.lock();
            let line = st.lines.entry(backend.to_string()).or_insert_with(|| Line {
                concurrency: 1,
                waiting: Vec::new(),
                running: HashMap::new(),
            });
            line.concurrency = n.max(1);
        }
        self.dispatch();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A receiver that wakes on every change of the line (positions, pause).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changes.subscribe()
    }

    fn bump(&self) {
        self.changes.send_modify(|n| *n += 1);
    }

    /// Queues `item` on its backend's line (made with `concurrency` the first time).
    pub fn enqueue(&self, item: Item, concurrency: usize) -> Result<Ticket, Refused> {
        let (tx, rx) = oneshot::channel();
        let cancel = CancellationToken::new();
        {
            let mut st = self.lock();
            let mine = st
                .lines
                .values()
                .map(|l| {
                    l.waiting.iter().filter(|w| w.item.user == item.user).count()
                        + l.running.values().filter(|(i, _)| i.user == item.user).count()
                })
                .sum::<usize>();
            if mine >= st.per_user_cap {
                return Err(Refused::UserFull);
            }
            let waiting: usize = st.lines.values().map(|l| l.waiting.len()).sum();
            if waiting >= st.global_cap {
                return Err(Refused::Full);
            }
            st.seq += 1;
            let seq = st.seq;
            let line = st.lines.entry(item.backend.clone()).or_insert_with(|| Line {
                concurrency: concurrency.max(1),
                waiting: Vec::new(),
                running: HashMap::new(),
            });
            line.waiting.push(Waiting { item: item.clone(), seq, start: tx, cancel: cancel.clone() });
        }
        self.dispatch();
        Ok(Ticket { id: item.id, cancel, start: rx, queue: self.clone(), taken: false })
    }

    /// The order in which `line`'s waiting items would be served, as indexes into `waiting`:
    /// repeatedly the user served least recently, then the oldest item of that user.
    fn order(waiting: &[Waiting], served: &HashMap<UserId, u64>) -> Vec<usize> {
        let mut last: HashMap<&UserId, u64> =
            waiting.iter().map(|w| (&w.item.user, served.get(&w.item.user).copied().unwrap_or(0))).collect();
        let mut left: Vec<usize> = (0..waiting.len()).collect();
        let mut out = Vec::with_capacity(left.len());
        let mut tick = served.values().copied().max().unwrap_or(0);
        while !left.is_empty() {
            let (pos, &idx) = left
                .iter()
                .enumerate()
                .min_by_key(|(_, &i)| (last.get(&waiting[i].item.user).copied().unwrap_or(0), waiting[i].seq))
                .unwrap_or((0, &left[0]));
            tick += 1;
            last.insert(&waiting[idx].item.user, tick);
            out.push(idx);
            left.remove(pos);
        }
        out
    }

    /// Starts what may start: on each line, while a slot is free and not paused, the next item
    /// in fair order.
    fn dispatch(&self) {
        let mut changed = false;
        {
            let mut st = self.lock();
            if st.paused {
                return;
            }
            let st = &mut *st;
            for line in st.lines.values_mut() {
                while line.running.len() < line.concurrency && !line.waiting.is_empty() {
                    let next = Self::order(&line.waiting, &st.served)[0];
                    let w = line.waiting.remove(next);
                    st.seq += 1;
                    st.served.insert(w.item.user.clone(), st.seq);
                    let mut item = w.item;
                    item.running = true;
                    if w.start.send(()).is_ok() {
                        line.running.insert(item.id.clone(), (item, w.cancel));
                    }
                    changed = true;
                }
            }
        }
        if changed {
            self.bump();
        }
    }

    fn finished(&self, backend: &str, id: &str) {
        if let Some(line) = self.lock().lines.get_mut(backend) {
            line.running.remove(id);
        }
        self.bump();
        self.dispatch();
    }

    fn remove_waiting(&self, id: &str) {
        for line in self.lock().lines.values_mut() {
            line.waiting.retain(|w| w.item.id != id);
        }
        self.bump();
    }

    /// Takes an item out wherever it is (waiting or running) and lets the next one start.
    fn abandon(&self, id: &str) {
        {
            let mut st = self.lock();
            for line in st.lines.values_mut() {
                line.waiting.retain(|w| w.item.id != id);
                line.running.remove(id);
            }
        }
        self.bump();
        self.dispatch();
    }

    fn backend_of(&self, id: &str) -> Option<String> {
        self.lock().lines.iter().find(|(_, l)| l.running.contains_key(id)).map(|(k, _)| k.clone())
    }

    /// Cancels an item, waiting (it leaves the line) or running (its token fires). `allowed`
    /// decides on the item's owner; false (or no such item) is `false`.
    pub fn cancel(&self, id: &str, allowed: impl FnOnce(&Item) -> bool) -> bool {
        let token = {
            let st = self.lock();
            let found = st.lines.values().find_map(|l| {
                l.waiting
                    .iter()
                    .find(|w| w.item.id == id)
                    .map(|w| (&w.item, &w.cancel))
                    .or_else(|| l.running.get(id).map(|(i, c)| (i, c)))
            });
            match found {
                Some((item, c)) if allowed(item) => Some(c.clone()),
                _ => None,
            }
        };
        match token {
            Some(t) => {
                t.cancel();
                self.remove_waiting(id);
                true
            }
            None => false,
        }
    }

    /// Cancels every item of `user` (suspended, deleted, or the install went single-user).
    pub fn cancel_user(&self, user: &UserId) -> usize {
        let ids: Vec<String> =
            self.snapshot().into_iter().filter(|(i, _)| &i.user == user).map(|(i, _)| i.id).collect();
        ids.iter().filter(|id| self.cancel(id, |_| true)).count()
    }

    /// Every item with its position: running items are position 0, waiting ones 1, 2, … in
    /// the order they will be served, per line.
    pub fn snapshot(&self) -> Vec<(Item, usize)> {
        let st = self.lock();
        let mut out = Vec::new();
        for line in st.lines.values() {
            out.extend(line.running.values().map(|(i, _)| (i.clone(), 0)));
            for (pos, idx) in Self::order(&line.waiting, &st.served).into_iter().enumerate() {
                out.push((line.waiting[idx].item.clone(), pos + 1));
            }
        }
        out.sort_by_key(|(i, p)| (i.backend.clone(), *p));
        out
    }

    /// An item's position in its line and the line's length (`2 of 7`); 0 while it runs.
    pub fn position(&self, id: &str) -> Option<(usize, usize)> {
        let snap = self.snapshot();
        let (item, pos) = snap.iter().find(|(i, _)| i.id == id)?;
        let of = snap.iter().filter(|(i, _)| i.backend == item.backend).count();
        Some((*pos, of))
    }

    pub fn set_paused(&self, paused: bool) {
        self.lock().paused = paused;
        self.bump();
        if !paused {
            self.dispatch();
        }
    }

    pub fn paused(&self) -> bool {
        self.lock().paused
    }
}

/// What the queue view shows of an item: everything to its owner and admins; to others only
/// that it exists, its backend, place and age.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemView {
    pub id: String,
    pub backend: String,
    pub position: usize,
    pub running: bool,
    pub enqueued_at: i64,
    pub mine: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn item(id: &str, user: &str) -> Item {
        Item {
            id: id.into(),
            user: UserId(user.into()),
            backend: "b".into(),
            label: String::new(),
            enqueued_at: 0,
            running: false,
        }
    }

    #[tokio::test]
    async fn the_least_recently_served_user_goes_next() {
        let q = Queue::new(100, 100);
        // One slot; A's first job holds it while A queues nine more and B one.
        let first = q.enqueue(item("a0", "A"), 1).unwrap().turn().await.unwrap();
        let mut tickets = Vec::new();
        for i in 1..10 {
            tickets.push(q.enqueue(item(&format!("a{i}"), "A"), 1).unwrap());
        }
        tickets.push(q.enqueue(item("b0", "B"), 1).unwrap());
        let order: Vec<String> = q.snapshot().into_iter().filter(|(_, p)| *p > 0).map(|(i, _)| i.id).collect();
        assert_eq!(order[0], "b0", "B's only message runs right after A's running one: {order:?}");
        assert_eq!(q.position("b0"), Some((1, 11)));
        drop(first);
        let b = tickets.pop().unwrap();
        let started = b.turn().await;
        assert!(started.is_some());
    }

    #[tokio::test]
    async fn caps_and_cancel() {
        let q = Queue::new(2, 3);
        let _r = q.enqueue(item("x", "A"), 1).unwrap().turn().await.unwrap();
        let waiting = q.enqueue(item("y", "A"), 1).unwrap();
        assert_eq!(q.enqueue(item("z", "A"), 1).err(), Some(Refused::UserFull));
        let _b = q.enqueue(item("b1", "B"), 1).unwrap();
        let _c = q.enqueue(item("c1", "C"), 1).unwrap();
        assert_eq!(q.enqueue(item("d1", "D"), 1).err(), Some(Refused::Full), "three wait already");
        assert!(!q.cancel("y", |i| i.user.as_str() == "B"), "not B's to cancel");
        assert!(q.cancel("y", |i| i.user.as_str() == "A"));
        assert!(waiting.turn().await.is_none(), "a cancelled item never runs");
        assert!(q.snapshot().iter().all(|(i, _)| i.id != "y"));
    }

    /// A ticket dropped before its turn was taken (the message was refused after queueing)
    /// frees its slot, even when the line had started it already.
    #[tokio::test]
    async fn a_dropped_ticket_frees_its_slot() {
        let q = Queue::new(5, 5);
        drop(q.enqueue(item("gone", "A"), 1).unwrap()); // started at once: the line was idle
        assert!(q.snapshot().is_empty(), "{:?}", q.snapshot());
        let next = q.enqueue(item("next", "A"), 1).unwrap();
        let started = tokio::time::timeout(std::time::Duration::from_secs(5), next.turn()).await;
        assert!(started.expect("the line is not jammed").is_some());
    }

    #[tokio::test]
    async fn paused_lines_start_nothing() {
        let q = Queue::new(5, 5);
        q.set_paused(true);
        let t = q.enqueue(item("p", "A"), 1).unwrap();
        assert_eq!(q.position("p"), Some((1, 1)));
        q.set_paused(false);
        assert!(t.turn().await.is_some());
    }
}
