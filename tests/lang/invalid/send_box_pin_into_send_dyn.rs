// A `Pin<Box<dyn Future<Output = ()> + Send>>` promises a `Send` future: boxing one that holds an
// `Rc` across an `.await` breaks the promise.
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

type Task = Pin<Box<dyn Future<Output = ()> + Send>>;

async fn main() {
    let task: Task = Box::pin(async {
        let rc = Rc::new(1);
        yield_now().await;
        println!("{}", rc);
    });
    task.await;
}
