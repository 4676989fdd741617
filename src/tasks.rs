//! The engine's task supervisor: every background task (the listeners, the session purge,
//! the LAN server's mode watch; later the model queue, ingestion, mDNS) is started, named
//! and stopped here, so that shutdown can find them all and nothing runs on unnoticed.
//!
//! Rules:
//! - A task gets a cancellation token and must end soon after it fires.
//! - Stopping takes the task out of the table first and waits outside any lock: a slow stop
//!   (a listener letting requests finish) never blocks anyone reading the engine's state.
//! - Long-lived responses (the reply streams to come) take [`Tasks::shutdown_token`] and end
//!   their stream with a last event when it fires; a listener's graceful stop waits for them
//!   up to its grace period, then they are cut.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

struct Entry {
    token: CancellationToken,
    handle: JoinHandle<()>,
}

#[derive(Default)]
pub struct Tasks {
    running: Mutex<HashMap<String, Entry>>,
    root: CancellationToken,
}

impl Tasks {
    /// Starts `task` under `name`, with a token that fires when it must stop. A task of the
    /// same name already running is left alone and `false` returned.
    pub fn start<F, Fut>(&self, name: &str, task: F) -> bool
    where
        F: FnOnce(CancellationToken) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let Ok(mut running) = self.running.lock() else { return false };
        running.retain(|_, e| !e.handle.is_finished());
        if running.contains_key(name) {
            return false;
        }
        let token = self.root.child_token();
        let fut = task(token.clone());
        let span = tracing::info_span!("task", name = %name);
        let handle = tokio::spawn(tracing::Instrument::instrument(fut, span));
        tracing::debug!(task = name, "started");
        running.insert(name.to_string(), Entry { token, handle });
        true
    }

    /// Stops the task `name`: fires its token and waits up to `grace` for it to end, then
    /// aborts it. The table's lock is not held while waiting.
    pub async fn stop(&self, name: &str, grace: Duration) {
        let entry = self.running.lock().ok().and_then(|mut r| r.remove(name));
        if let Some(e) = entry {
            Self::finish(name, e, grace).await;
        }
    }

    async fn finish(name: &str, mut e: Entry, grace: Duration) {
        e.token.cancel();
        if tokio::time::timeout(grace, &mut e.handle).await.is_err() {
            tracing::warn!(task = name, "did not stop in time; aborted");
            e.handle.abort();
        } else {
            tracing::debug!(task = name, "stopped");
        }
    }

    /// True while the task `name` runs.
    pub fn is_running(&self, name: &str) -> bool {
        self.running.lock().is_ok_and(|r| r.get(name).is_some_and(|e| !e.handle.is_finished()))
    }

    /// The names of the running tasks, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .running
            .lock()
            .map(|r| r.iter().filter(|(_, e)| !e.handle.is_finished()).map(|(k, _)| k.clone()).collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    /// A token that fires when the whole engine shuts down (for long-lived responses).
    pub fn shutdown_token(&self) -> CancellationToken {
        self.root.child_token()
    }

    /// Stops every task: every token fires at once, then each task gets up to `grace` to end.
    pub async fn shutdown(&self, grace: Duration) {
        self.root.cancel();
        let all: Vec<(String, Entry)> = self.running.lock().map(|mut r| r.drain().collect()).unwrap_or_default();
        let stops = all.into_iter().map(|(name, e)| async move { Self::finish(&name, e, grace).await });
        for stop in stops {
            stop.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tasks_are_named_stopped_and_not_started_twice() {
        let tasks = Tasks::default();
        assert!(tasks.start("a", |t| async move { t.cancelled().await }));
        assert!(!tasks.start("a", |t| async move { t.cancelled().await }), "one task per name");
        assert!(tasks.start("stubborn", |_| async move { tokio::time::sleep(Duration::from_secs(3600)).await }));
        assert_eq!(tasks.names(), vec!["a".to_string(), "stubborn".to_string()]);
        tasks.stop("a", Duration::from_secs(5)).await;
        assert!(!tasks.is_running("a"));
        let started = std::time::Instant::now();
        tasks.shutdown(Duration::from_millis(50)).await;
        assert!(started.elapsed() < Duration::from_secs(5), "a task that ignores its token is aborted");
        assert!(tasks.names().is_empty());
    }
}
