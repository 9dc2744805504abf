// `type` aliases: a short name for a long type. A use of the alias is the type itself, so values
// written with the alias and with the type spelled out mix freely, and an alias may be used
// before its declaration. `Instant` is a type that fields and signatures can name.
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

struct Deadline {
    name: &'static str,
    when: Instant,
}

type Tasks = VecDeque<Task>;
type Task = Pin<Box<dyn Future<Output = u32> + Send>>;

async fn double(n: u32) -> u32 {
    n * 2
}

fn queue_of(n: u32) -> Tasks {
    let mut tasks: Tasks = VecDeque::new();
    for i in 0..n {
        let task: Pin<Box<dyn Future<Output = u32> + Send>> = Box::pin(double(i));
        tasks.push_back(task);
    }
    tasks
}

fn due(d: &Deadline, now: Instant) -> bool {
    now >= d.when
}

fn main() {
    let start = Instant::now();
    let d = Deadline { name: "soon", when: start + Duration::from_millis(10) };
    println!("{} is {}ms away, due now: {}", d.name, (d.when - start).as_millis(), due(&d, start));
    let mut cx = Context::from_waker(Waker::noop());
    let mut tasks = queue_of(3);
    while let Some(mut task) = tasks.pop_front() {
        if let Poll::Ready(v) = task.as_mut().poll(&mut cx) {
            println!("ready {}", v);
        }
    }
}
