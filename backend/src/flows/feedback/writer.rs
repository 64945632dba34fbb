//! Group commit for feedback submissions: every request hands its submission to a writer task,
//! which stores whatever has queued up meanwhile in one transaction and answers each request only
//! after that transaction commits. Under load one commit (one fsync, one round of statements)
//! serves many submissions; at a trickle each batch is a single submission, so nothing waits.

use super::{submit_batch, Submitted};
use crate::store::feedback::NewFeedback;
use sea_orm::{DatabaseConnection, DbErr};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Mutex};

/// Most submissions in one transaction: bounds the statement's parameters (about 30 a row) and
/// the time the first one in a batch waits for the last.
const MAX_BATCH: usize = 128;
/// Submissions waiting for a writer before requests wait to hand theirs over (back-pressure).
const QUEUE: usize = 4096;

struct Job {
    feedback: NewFeedback,
    reply: oneshot::Sender<Result<Submitted, DbErr>>,
}

/// The handle the request handlers hold; cheap to clone.
#[derive(Clone)]
pub struct SubmissionWriter {
    queue: mpsc::Sender<Job>,
}

impl SubmissionWriter {
    /// Starts `writers` writer tasks on the current runtime. One is right for SQLite (it has one
    /// writer anyway); PostgreSQL commits batches in parallel on several connections.
    pub fn start(db: DatabaseConnection, writers: usize) -> SubmissionWriter {
        Self::spawn(db, writers, None)
    }

    /// As `start`, observing each batch's size in `batch_sizes` (the server's metrics).
    pub fn start_measured(
        db: DatabaseConnection,
        writers: usize,
        batch_sizes: prometheus::Histogram,
    ) -> SubmissionWriter {
        Self::spawn(db, writers, Some(batch_sizes))
    }

    fn spawn(
        db: DatabaseConnection,
        writers: usize,
        batch_sizes: Option<prometheus::Histogram>,
    ) -> SubmissionWriter {
        let (queue, jobs) = mpsc::channel(QUEUE);
        let jobs = Arc::new(Mutex::new(jobs));
        for _ in 0..writers.max(1) {
            tokio::spawn(write_batches(db.clone(), jobs.clone(), batch_sizes.clone()));
        }
        SubmissionWriter { queue }
    }

    /// Stores one submission (in whatever batch it joins); returns once that batch committed.
    pub async fn submit(&self, feedback: NewFeedback) -> Result<Submitted, DbErr> {
        let (reply, answer) = oneshot::channel();
        let stopped = || DbErr::Custom("the submission writer has stopped".into());
        self.queue
            .send(Job { feedback, reply })
            .await
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn write_batches(
    db: DatabaseConnection,
    jobs: Arc<Mutex<mpsc::Receiver<Job>>>,
    batch_sizes: Option<prometheus::Histogram>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    loop {
        // Waits for the first submission, then takes every other one already queued.
        let received = jobs.lock().await.recv_many(&mut batch, MAX_BATCH).await;
        if received == 0 {
            return; // every handle is gone: the server has stopped
        }
        if let Some(sizes) = &batch_sizes {
            sizes.observe(received as f64);
        }
        write(&db, std::mem::take(&mut batch)).await;
    }
}

async fn write(db: &DatabaseConnection, jobs: Vec<Job>) {
    let (feedback, replies): (Vec<NewFeedback>, Vec<_>) =
        jobs.into_iter().map(|j| (j.feedback, j.reply)).unzip();
    match submit_batch(db, &feedback).await {
        Ok(outcomes) => {
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                // A request that gave up waiting has gone; its submission is stored all the same.
                let _ = reply.send(Ok(outcome));
            }
        }
        Err(err) if feedback.len() > 1 => {
            // Nothing of the batch was stored. Store each on its own, so one submission the
            // database refuses cannot fail the others.
            tracing::warn!(error = %err, size = feedback.len(), "batch failed; storing one by one");
            for (one, reply) in feedback.iter().zip(replies) {
                let outcome = submit_batch(db, std::slice::from_ref(one))
                    .await
                    .and_then(|mut o| o.pop().ok_or_else(|| DbErr::Custom("no outcome".into())));
                let _ = reply.send(outcome);
            }
        }
        Err(err) => {
            if let Some(reply) = replies.into_iter().next() {
                let _ = reply.send(Err(err));
            }
        }
    }
}
