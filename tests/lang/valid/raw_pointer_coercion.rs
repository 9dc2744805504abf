// A reference coerces to a raw pointer where one is expected, as rustc inserts the cast:
// `&x` to `*const T`, `&mut x` to `*mut T` (or `*const T`); `std::ptr::null()` is the null one.
use std::ptr;

struct Node {
    value: u32,
    me: *const u32,
}

fn main() {
    let mut node = Node { value: 7, me: std::ptr::null() };
    let p: *const u32 = &node.value;
    node.me = p;
    let mut count = 1u32;
    let q: *mut u32 = &mut count;
    let r: *const u32 = &mut count;
    let none: *mut u32 = ptr::null_mut();
    unsafe {
        *q += 1;
        println!("{} {} {}", *node.me, *r, *q);
    }
    println!("{:p}", none);
}
