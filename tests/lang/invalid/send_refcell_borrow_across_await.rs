// A `RefCell` borrow guard kept across an `.await` makes a spawned future not `Send`: the guard
// updates the cell's borrow count, which is not atomic.
use std::cell::RefCell;

async fn main() {
    tokio::spawn(async {
        let cell = RefCell::new(1);
        let mut guard = cell.borrow_mut();
        *guard += 1;
        yield_now().await;
        println!("{}", guard);
    });
}
