// `Cell` and `RefCell` without sharing: a `Cell` swaps whole values through `&`, a `RefCell` lends
// its value and counts the loans; `try_borrow_mut` reports a live loan as `Err` instead of panicking.
use std::cell::{Cell, RefCell};

fn bump(c: &Cell<u32>) {
    c.set(c.get() + 1);
}

fn main() {
    let hits = Cell::new(0u32);
    bump(&hits);
    bump(&hits);
    let before = hits.replace(10);
    println!("before {} now {}", before, hits.get());
    println!("taken {} left {}", hits.take(), hits.get());
    println!("inner {}", hits.into_inner());

    let names = RefCell::new(vec![String::from("a")]);
    {
        let first = names.borrow();
        println!("reading {} busy {}", first[0], names.try_borrow_mut().is_err());
    }
    names.borrow_mut().push(String::from("b"));
    let old = names.replace(vec![String::from("c")]);
    println!("old {:?} new {:?}", old, names.borrow());
    let taken = names.take();
    println!("taken {:?} left {}", taken, names.borrow().len());
    println!("{:?}", names.into_inner());
}
