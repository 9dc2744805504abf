// A `&mut` held across an `.await` and used afterwards; the owner is read only later.
async fn main() {
    let mut v = vec![1];
    let r = &mut v;
    yield_now().await;
    r.push(2);
    println!("{}", v.len());
}
