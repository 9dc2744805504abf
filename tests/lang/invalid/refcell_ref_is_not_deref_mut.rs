// A `Ref` from `borrow` only reads: writing through it needs `borrow_mut`.
use std::cell::RefCell;

fn main() {
    let cell: RefCell<u32> = RefCell::new(1);
    let r = cell.borrow();
    *r = 2;
}
