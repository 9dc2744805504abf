// Reading `x` by copy while a mutable borrow of it is alive.
async fn main() {
    let mut x = 1;
    let r = &mut x;
    let y = x + 1;
    *r = 2;
    println!("{}", y);
}
