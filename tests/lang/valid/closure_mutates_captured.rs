// A closure that is not `move` borrows what it changes: after its last call, the caller sees
// every change (an FnMut closure), and an async block that is not `move` does the same.
async fn main() {
    let mut total = 0;
    let mut seen = Vec::new();
    let mut add = |n: i32| {
        total += n;
        seen.push(n * 10);
    };
    add(1);
    add(2);
    println!("{} {:?}", total, seen);
    let mut x = 5;
    let bump = async {
        x += 1;
    };
    bump.await;
    println!("{}", x);
}
