// The Tokio tutorial's first MiniTokio, written out in the script: a queue of tasks and a loop
// that polls each one in turn with a waker that does nothing. Nobody is ever woken; a task that
// is not finished simply goes to the back of the queue and is asked again.
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use futures::task::noop_waker;

struct MiniTokio {
    tasks: VecDeque<Pin<Box<dyn Future<Output = ()>>>>,
}

impl MiniTokio {
    fn new() -> MiniTokio {
        MiniTokio { tasks: VecDeque::new() }
    }

    fn spawn(&mut self, future: impl Future<Output = ()> + 'static) {
        self.tasks.push_back(Box::pin(future));
    }

    // One waker for every poll, and it does nothing: the loop does not wait to be told, it
    // just asks again. Each Pending answer costs a turn of the loop.
    fn run(&mut self) {
        let waker = noop_waker();
        let mut context = Context::from_waker(&waker);
        while let Some(mut task) = self.tasks.pop_front() {
            if task.as_mut().poll(&mut context).is_pending() {
                self.tasks.push_back(task);
            }
        }
    }
}

async fn example(min_len: usize) -> String {
    let content = async_read_file("foo.txt").await;
    if content.len() < min_len {
        content + &async_read_file("bar.txt").await
    } else {
        content
    }
}

async fn print_example() {
    let text = example(100).await; // @state WaitingOnExample
    println!("{}", text);
}

async fn nap() {
    println!("nap: start");
    sleep(Duration::from_millis(40)).await; // @state Sleeping
    println!("nap: done");
}

fn main() {
    let mut mini_tokio = MiniTokio::new();
    mini_tokio.spawn(print_example());
    mini_tokio.spawn(nap());
    mini_tokio.run();
}
