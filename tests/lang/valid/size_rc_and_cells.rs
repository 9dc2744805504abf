// The sizes rustc gives std::rc's and std::cell's types, as fields of a future held across an
// `.await`: an `Rc` is one pointer, a `RefCell` adds its borrow flag (an isize) to the value, a
// `Ref` is two pointers; `Cell` and `RefCell` hide their value's niche, so an `Option` of one
// needs a tag of its own.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

async fn main() {
    let shared: Rc<RefCell<Vec<u32>>> = Rc::new(RefCell::new(vec![1]));
    let cell: RefCell<Vec<u32>> = RefCell::new(Vec::new());
    let flag: Option<RefCell<bool>> = Some(RefCell::new(true));
    let small: Option<Cell<bool>> = None;
    let count = Cell::new(3u32);
    let seen = shared.borrow();
    yield_now().await;
    println!("{} {} {} {} {}", seen.len(), cell.borrow().len(), flag.is_some(), small.is_none(), count.get());
    println!("owners {}", Rc::strong_count(&shared));
}
