// A `&RefCell` parameter lends its vector out through `&`: each `borrow_mut()` lasts one
// statement, and `borrow().iter()` walks the elements the `Ref` points at.
use std::cell::RefCell;
use std::sync::Mutex;

fn add(log: &RefCell<Vec<u32>>, x: u32) {
    log.borrow_mut().push(x);
}

fn main() {
    let log = RefCell::new(Vec::new());
    add(&log, 1);
    add(&log, 2);
    let total: u32 = log.borrow().iter().sum();
    println!("{:?} {}", log.borrow(), total);
    let locked = Mutex::new(vec![3u32, 4]);
    let doubled: Vec<u32> = locked.lock().unwrap().iter().map(|x| x * 2).collect();
    println!("{:?}", doubled);
}
