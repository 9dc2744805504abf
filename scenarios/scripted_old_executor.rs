// The blog's first waker executor, as the post described it before it was rewritten (2020): the
// tasks themselves move. A ready task waits in `task_queue`, a pending one in `waiting_tasks`, and
// a waker pushes only its task's id into `wake_queue`; `wake_tasks` moves the woken tasks back.
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use crossbeam_queue::ArrayQueue;
use x86_64::instructions::interrupts::{self, enable_and_hlt};

// Ids are handed out in `main` (the blog counts them with a `static AtomicU64`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TaskId(u64);

struct Task {
    id: TaskId,
    future: Pin<Box<dyn Future<Output = ()>>>,
}

impl Task {
    fn new(id: TaskId, future: impl Future<Output = ()> + 'static) -> Task {
        Task { id, future: Box::pin(future) }
    }

    fn poll(&mut self, context: &mut Context) -> Poll<()> {
        self.future.as_mut().poll(context)
    }
}

// A waker holds its task's id and the queue of woken ids; the task itself stays where it is.
struct TaskWaker {
    task_id: TaskId,
    wake_queue: Arc<ArrayQueue<TaskId>>,
}

impl TaskWaker {
    fn new(task_id: TaskId, wake_queue: Arc<ArrayQueue<TaskId>>) -> Waker {
        Waker::from(Arc::new(TaskWaker { task_id, wake_queue }))
    }

    fn wake_task(&self) {
        self.wake_queue.push(self.task_id).expect("wake_queue full");
    }
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_task();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wake_task();
    }
}

struct Executor {
    task_queue: VecDeque<Task>,
    waiting_tasks: BTreeMap<TaskId, Task>,
    wake_queue: Arc<ArrayQueue<TaskId>>,
    waker_cache: BTreeMap<TaskId, Waker>,
}

impl Executor {
    fn new() -> Executor {
        Executor {
            task_queue: VecDeque::new(),
            waiting_tasks: BTreeMap::new(),
            wake_queue: Arc::new(ArrayQueue::new(100)),
            waker_cache: BTreeMap::new(),
        }
    }

    fn spawn(&mut self, task: Task) {
        self.task_queue.push_back(task);
    }

    // Poll every task of `task_queue`. One that is done loses its cached waker; one that is
    // pending moves, as a whole, into `waiting_tasks` under its id.
    fn run_ready_tasks(&mut self) {
        while let Some(mut task) = self.task_queue.pop_front() {
            let task_id = task.id;
            let queue = self.wake_queue.clone();
            let waker = self.waker_cache.entry(task_id).or_insert_with(|| TaskWaker::new(task_id, queue));
            let mut context = Context::from_waker(waker);
            match task.poll(&mut context) {
                Poll::Ready(()) => {
                    self.waker_cache.remove(&task_id);
                }
                Poll::Pending => {
                    if self.waiting_tasks.insert(task_id, task).is_some() {
                        panic!("task with same ID already in waiting_tasks");
                    }
                }
            }
        }
    }

    // Each woken id brings its task back from `waiting_tasks` to `task_queue`. An id whose task
    // is not waiting (a second wake-up, or a task that is done) is ignored.
    fn wake_tasks(&mut self) {
        while let Some(task_id) = self.wake_queue.pop() {
            if let Some(task) = self.waiting_tasks.remove(&task_id) {
                self.task_queue.push_back(task);
            }
        }
    }

    fn sleep_if_idle(&self) {
        if !self.wake_queue.is_empty() {
            return;
        }
        interrupts::disable();
        if self.wake_queue.is_empty() {
            enable_and_hlt();
        } else {
            interrupts::enable();
        }
    }

    fn run(&mut self) -> ! {
        loop {
            self.wake_tasks();
            self.run_ready_tasks();
            self.sleep_if_idle();
        }
    }
}

async fn async_number() -> u32 {
    42
}

async fn example_task() {
    let number = async_number().await; // @state WaitingOnAsyncNumber
    println!("async number: {}", number);
}

// Scancode set 1, only the two letters typed here; codes of 0x80 and above are key releases.
fn decode(scancode: u8) -> Option<char> {
    match scancode {
        0x23 => Some('h'),
        0x17 => Some('i'),
        _ => None,
    }
}

async fn print_keypresses() {
    let mut scancodes = ScancodeStream::new();
    while let Some(scancode) = scancodes.next().await { // @state WaitingOnScancode
        if let Some(key) = decode(scancode) {
            print!("{}", key);
        }
    }
}

fn main() {
    let mut executor = Executor::new();
    executor.spawn(Task::new(TaskId(0), example_task()));
    executor.spawn(Task::new(TaskId(1), print_keypresses()));
    executor.run();
}
