// `async move` moves every variable it uses into the future, at the point where it is created.
async fn main() {
    let v = vec![1, 2, 3];
    let fut = async move {
        println!("{}", v.len());
    };
    println!("{}", v.len());
    fut.await;
}
