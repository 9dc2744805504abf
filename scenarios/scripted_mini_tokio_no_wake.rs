// The finished mini-tokio with a student's Delay: it answers Pending before the deadline, but it
// neither keeps the waker nor starts a timer. The executor is the tutorial's, unchanged.
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use futures::task::{self, ArcWake};

// The executor: the receiving end of the channel, and a sender it hands to every task.
struct MiniTokio {
    scheduled: mpsc::Receiver<Arc<Task>>,
    sender: mpsc::Sender<Arc<Task>>,
}

// A spawned future and a sender, so that waking the task can schedule it again.
struct Task {
    task_future: Mutex<TaskFuture>,
    executor: mpsc::Sender<Arc<Task>>,
}

// The future and the answer of its latest poll: once it said Ready, it is not polled again,
// even if a wake-up still arrives.
struct TaskFuture {
    future: Pin<Box<dyn Future<Output = ()> + Send>>,
    poll: Poll<()>,
}

// The sender of the executor running on this thread, for `spawn` from inside a task.
thread_local! {
    static CURRENT: RefCell<Option<mpsc::Sender<Arc<Task>>>> = RefCell::new(None);
}

impl MiniTokio {
    fn new() -> MiniTokio {
        let (sender, scheduled) = mpsc::channel();
        MiniTokio { scheduled, sender }
    }

    fn spawn<F>(&self, future: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        Task::spawn(future, &self.sender);
    }

    // The executor keeps a sender of its own, so `recv` never fails: this loop does not end.
    fn run(&self) {
        CURRENT.with(|cell| {
            *cell.borrow_mut() = Some(self.sender.clone());
        });
        while let Ok(task) = self.scheduled.recv() {
            task.poll();
        }
    }
}

// Spawns onto the executor of the current thread (it panics outside `run`).
fn spawn<F>(future: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    CURRENT.with(|cell| {
        let borrow = cell.borrow();
        let sender = borrow.as_ref().unwrap();
        Task::spawn(future, sender);
    });
}

impl TaskFuture {
    fn new(future: impl Future<Output = ()> + Send + 'static) -> TaskFuture {
        TaskFuture { future: Box::pin(future), poll: Poll::Pending }
    }

    fn poll(&mut self, cx: &mut Context<'_>) {
        if self.poll.is_pending() {
            self.poll = self.future.as_mut().poll(cx);
        }
    }
}

impl Task {
    fn schedule(self: &Arc<Self>) {
        self.executor.send(self.clone());
    }

    // A waker made from this task's Arc, a context around it, and one poll.
    fn poll(self: Arc<Self>) {
        let waker = task::waker(self.clone());
        let mut cx = Context::from_waker(&waker);
        let mut task_future = self.task_future.try_lock().unwrap();
        task_future.poll(&mut cx);
    }

    fn spawn<F>(future: F, sender: &mpsc::Sender<Arc<Task>>)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let task = Arc::new(Task {
            task_future: Mutex::new(TaskFuture::new(future)),
            executor: sender.clone(),
        });
        let _ = sender.send(task);
    }
}

impl ArcWake for Task {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.schedule();
    }
}

// The student's Delay: it checks the clock and says Pending, but it never arranges for anyone
// to wake the task. Nothing will ever send the task into the channel again.
struct Delay {
    when: Instant,
}

impl Future for Delay {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.when {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

async fn delay(dur: Duration) {
    let future = Delay { when: Instant::now() + dur };
    future.await; // @state WaitingOnDelay
}

fn main() {
    let mini_tokio = MiniTokio::new();
    mini_tokio.spawn(async {
        spawn(async {
            delay(Duration::from_millis(100)).await; // @state WaitingOnDelay
            println!("world");
        });
        spawn(async {
            println!("hello");
        });
        delay(Duration::from_millis(200)).await; // @state WaitingOnDelay
        std::process::exit(0);
    });
    mini_tokio.run();
}
