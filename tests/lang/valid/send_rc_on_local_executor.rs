// The emulated executor's `spawn` runs every task on one thread (like the blog's executor, whose
// tasks are `impl Future<Output = ()> + 'static` without `Send`): an `Rc` held across an
// `.await` is fine there.
use std::rc::Rc;

async fn count(shared: Rc<u32>) {
    yield_now().await;
    println!("shared by {}", Rc::strong_count(&shared));
}

async fn main() {
    let shared = Rc::new(7);
    spawn(count(Rc::clone(&shared)));
    spawn(count(Rc::clone(&shared)));
    yield_now().await;
    println!("value {}", shared);
}
