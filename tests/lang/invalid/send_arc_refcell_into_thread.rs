// `Arc<T>` is `Send` only when `T` is `Sync` too: both threads could reach the value at once.
// `RefCell` is `Send` but not `Sync`, so an `Arc<RefCell<_>>` cannot move to another thread.
use std::cell::RefCell;
use std::sync::Arc;
use std::thread;

fn main() {
    let shared = Arc::new(RefCell::new(0));
    let other = Arc::clone(&shared);
    let handle = thread::spawn(move || {
        *other.borrow_mut() += 1;
    });
    handle.join().unwrap();
    println!("{}", shared.borrow());
}
