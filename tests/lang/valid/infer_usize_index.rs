// `i` is used as an index, so it is a usize.
async fn main() {
    let xs = [10, 20, 30];
    let mut i = 0;
    while i < xs.len() {
        yield_now().await;
        println!("{}", xs[i]);
        i += 1;
    }
}
