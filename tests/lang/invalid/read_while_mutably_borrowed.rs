// `println!` borrows `x` while the `&mut x` held by `r` is still going to be used.
async fn main() {
    let mut x = 5;
    let r = &mut x;
    println!("{}", x);
    *r += 1;
}
