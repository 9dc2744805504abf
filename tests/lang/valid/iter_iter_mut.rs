// `iter_mut` hands out `&mut` to each element.
async fn main() {
    let mut xs = vec![1, 2, 3];
    for x in xs.iter_mut() {
        *x += 1;
    }
    yield_now().await;
    println!("{:?}", xs);
}
