// The `async move` block owns the vector; only the block uses it afterwards.
async fn main() {
    let v = vec![1, 2, 3];
    let fut = async move {
        sleep(Duration::from_millis(5)).await;
        v.len()
    };
    println!("{}", fut.await);
}
