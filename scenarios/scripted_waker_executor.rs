// The blog's second executor, written out in the script: tasks are kept by id, a queue holds the
// ids of the tasks that are ready, and each task has one waker that pushes its id back into that
// queue. When nothing is ready the CPU sleeps until the next interrupt.
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use crossbeam_queue::ArrayQueue;
use x86_64::instructions::interrupts::{self, enable_and_hlt};

// A task's name in the maps and the queue. Ids are handed out in `main` (the blog counts them
// with a `static AtomicU64`, which the script language does not have yet).
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

// What a waker holds: the id of its task and the queue to push that id into.
struct TaskWaker {
    task_id: TaskId,
    task_queue: Arc<ArrayQueue<TaskId>>,
}

impl TaskWaker {
    fn new(task_id: TaskId, task_queue: Arc<ArrayQueue<TaskId>>) -> Waker {
        Waker::from(Arc::new(TaskWaker { task_id, task_queue }))
    }

    fn wake_task(&self) {
        self.task_queue.push(self.task_id).expect("task_queue full");
    }
}

// std turns any `Arc<W: Wake>` into a Waker: waking it runs this code.
impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_task();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wake_task();
    }
}

struct Executor {
    tasks: BTreeMap<TaskId, Task>,
    task_queue: Arc<ArrayQueue<TaskId>>,
    waker_cache: BTreeMap<TaskId, Waker>,
}

impl Executor {
    fn new() -> Executor {
        Executor {
            tasks: BTreeMap::new(),
            task_queue: Arc::new(ArrayQueue::new(100)),
            waker_cache: BTreeMap::new(),
        }
    }

    fn spawn(&mut self, task: Task) {
        let task_id = task.id;
        if self.tasks.insert(task.id, task).is_some() {
            panic!("task with same ID already in tasks");
        }
        self.task_queue.push(task_id).expect("queue full");
    }

    // Pop every ready id, poll its task with its own waker (made once, then cached), and forget
    // the task and its waker when it is done.
    fn run_ready_tasks(&mut self) {
        while let Some(task_id) = self.task_queue.pop() {
            let task = match self.tasks.get_mut(&task_id) {
                Some(task) => task,
                None => continue, // a wake-up of a task that is already done
            };
            let queue = self.task_queue.clone();
            let waker = self.waker_cache.entry(task_id).or_insert_with(|| TaskWaker::new(task_id, queue));
            let mut context = Context::from_waker(waker);
            match task.poll(&mut context) {
                Poll::Ready(()) => {
                    self.tasks.remove(&task_id);
                    self.waker_cache.remove(&task_id);
                }
                Poll::Pending => {}
            }
        }
    }

    // Interrupts off while checking: a wake-up that comes during the check waits, and
    // `enable_and_hlt` turns them on and halts in one step, so that wake-up ends the halt at once.
    fn sleep_if_idle(&self) {
        interrupts::disable();
        if self.task_queue.is_empty() {
            enable_and_hlt();
        } else {
            interrupts::enable();
        }
    }

    fn run(&mut self) -> ! {
        loop {
            self.run_ready_tasks();
            self.sleep_if_idle();
        }
    }
}

async fn read_foo() {
    let content = async_read_file("foo.txt").await; // @state WaitingOnFooTxt
    println!("foo.txt says: {}", content);
}

async fn nap() {
    println!("nap: start");
    sleep(Duration::from_millis(50)).await; // @state Sleeping
    println!("nap: done");
}

fn main() {
    let mut executor = Executor::new();
    executor.spawn(Task::new(TaskId(0), read_foo()));
    executor.spawn(Task::new(TaskId(1), nap()));
    executor.run();
}
