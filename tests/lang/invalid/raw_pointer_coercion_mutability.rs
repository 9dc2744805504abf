// A shared reference does not coerce to a `*mut` pointer: rustc's E0308 (types differ in mutability).
fn main() {
    let x = 5u32;
    let p: *mut u32 = &x;
    println!("{:p}", p);
}
