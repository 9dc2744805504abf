// `thread::spawn` runs its closure on another thread, so what the closure captures must be `Send`:
// an `Rc`'s reference count is not atomic, two threads could update it at once.
use std::rc::Rc;
use std::thread;

fn main() {
    let shared = Rc::new(5);
    let handle = thread::spawn(move || {
        println!("{}", shared);
    });
    handle.join().unwrap();
}
