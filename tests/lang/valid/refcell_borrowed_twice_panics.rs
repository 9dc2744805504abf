// A `RefCell` checks its borrows when the program runs: asking for `borrow_mut` while a `Ref`
// is alive compiles, and panics.
use std::cell::RefCell;

fn main() {
    let cell = RefCell::new(vec![1, 2]);
    let reader = cell.borrow();
    println!("{} items", reader.len());
    let mut writer = cell.borrow_mut();
    writer.push(3);
}
