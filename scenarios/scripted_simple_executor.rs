// The blog's first executor, written out in the script instead of built in. A plain `fn main`
// makes the executor, hands it one task and runs it: every step below is code you can follow,
// stop at and change.
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

// A task: a future that outputs nothing, pinned on the heap. `dyn Future` lets one queue hold
// futures of different types.
struct Task {
    future: Pin<Box<dyn Future<Output = ()>>>,
}

impl Task {
    fn new(future: impl Future<Output = ()> + 'static) -> Task {
        Task { future: Box::pin(future) }
    }

    // `as_mut` turns the `Pin<Box<..>>` into the `Pin<&mut ..>` that `poll` takes.
    fn poll(&mut self, context: &mut Context) -> Poll<()> {
        self.future.as_mut().poll(context)
    }
}

struct SimpleExecutor {
    task_queue: VecDeque<Task>,
}

impl SimpleExecutor {
    fn new() -> SimpleExecutor {
        SimpleExecutor { task_queue: VecDeque::new() }
    }

    fn spawn(&mut self, task: Task) {
        self.task_queue.push_back(task)
    }

    // Take the front task, poll it with a waker that does nothing, and put it back at the end
    // when it is not finished. The loop ends when the queue is empty.
    fn run(&mut self) {
        while let Some(mut task) = self.task_queue.pop_front() {
            let waker = dummy_waker();
            let mut context = Context::from_waker(&waker);
            match task.poll(&mut context) {
                Poll::Ready(()) => {}
                Poll::Pending => self.task_queue.push_back(task),
            }
        }
    }
}

// A waker by hand: a data pointer (unused, so null) and a table of four functions. Cloning makes
// another one; waking and dropping do nothing.
fn dummy_raw_waker() -> RawWaker {
    fn no_op(_: *const ()) {}
    fn clone(_: *const ()) -> RawWaker {
        dummy_raw_waker()
    }

    let vtable = &RawWakerVTable::new(clone, no_op, no_op, no_op);
    RawWaker::new(0 as *const (), vtable)
}

// `from_raw` is unsafe: the compiler cannot check that the table's functions fit the data.
fn dummy_waker() -> Waker {
    unsafe { Waker::from_raw(dummy_raw_waker()) }
}

async fn async_number() -> u32 {
    42
}

async fn example_task() {
    let number = async_number().await; // @state WaitingOnAsyncNumber
    println!("async number: {}", number);
}

fn main() {
    let mut executor = SimpleExecutor::new();
    executor.spawn(Task::new(example_task()));
    executor.run();
}
