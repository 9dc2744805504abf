// Assigning to `x` while `r` still points at it.
async fn main() {
    let mut x = 1;
    let r = &x;
    x = 2;
    println!("{} {}", r, x);
}
