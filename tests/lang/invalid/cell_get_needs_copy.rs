// `Cell::get` copies the value out, so it exists only for `Copy` types: a `Vec` is taken with
// `take()` or swapped with `replace()` instead.
use std::cell::Cell;

fn main() {
    let names = Cell::new(vec![1u32, 2]);
    let copy = names.get();
    println!("{:?}", copy);
}
