// The closure changes `count`, so it holds a `&mut count` until its last call.
async fn main() {
    let mut count = 0;
    let mut inc = || count += 1;
    inc();
    println!("{}", count);
    inc();
}
