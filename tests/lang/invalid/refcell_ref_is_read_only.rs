// A `Ref` from `borrow()` is a shared loan: writing needs `borrow_mut()`.
use std::cell::RefCell;

fn main() {
    let count = RefCell::new(1u32);
    let seen = count.borrow();
    *seen += 1;
}
