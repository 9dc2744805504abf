// A future moves into its task before it runs, and stays put once it has: `Task::new` moves the
// future into a `Box::pin` on the heap, the blog's way of pinning it. (An executor then polls it
// with `task.future.as_mut().poll(cx)`: `as_mut` lends the pinned box out without moving it.)
use std::future::Future;
use std::pin::Pin;

struct Task {
    future: Pin<Box<dyn Future<Output = i32>>>,
}

impl Task {
    fn new(future: impl Future<Output = i32> + 'static) -> Task {
        Task { future: Box::pin(future) }
    }
}

async fn pin_example() -> i32 {
    let array = [1, 2, 3];
    let element = &array[2];
    async_write_file("foo.txt", element.to_string()).await; // @state WaitingOnWrite
    *element
}

async fn main() {
    let fut = pin_example();
    let task = Task::new(fut);
    let value = task.future.await; // @state WaitingOnTask
    println!("{}", value);
}
