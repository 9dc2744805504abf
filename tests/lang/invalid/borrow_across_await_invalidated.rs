// `first` is held across the `.await` and the vector is changed before it is used.
async fn main() {
    let mut v = vec![1, 2, 3];
    let first = &v[0];
    sleep(Duration::from_millis(10)).await;
    v.push(4);
    println!("{}", first);
}
