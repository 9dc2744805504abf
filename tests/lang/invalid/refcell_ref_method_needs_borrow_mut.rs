// A `&mut self` method needs a `RefMut`: through the `Ref` of `borrow` the value is read-only.
use std::cell::RefCell;

struct Counter {
    n: u32,
}

impl Counter {
    fn bump(&mut self) {
        self.n += 1;
    }
}

fn main() {
    let cell = RefCell::new(Counter { n: 1 });
    let mut reader = cell.borrow();
    reader.bump();
}
