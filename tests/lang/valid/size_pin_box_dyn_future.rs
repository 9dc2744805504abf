// A boxed trait object future is a fat pointer: 16 bytes in the state, whatever it points at.
async fn work_a() -> u32 {
    yield_now().await;
    1
}

async fn main() {
    let fut: Pin<Box<dyn Future<Output = u32>>> = Box::pin(work_a());
    let v = fut.await;
    println!("{}", v);
}
